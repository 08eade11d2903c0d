// `natural` loads dotenv when first imported, and dotenv prints a banner on stdout unless told not to.
// The classify command's stdout is a data channel (one JSON line per input), so this module must be
// imported before natural: ESM evaluates imports in order, so putting it first is enough.
process.env.DOTENV_CONFIG_QUIET = 'true';
