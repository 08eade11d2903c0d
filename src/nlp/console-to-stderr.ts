// The classify command's stdout carries exactly one JSON line per input. Anything a library prints with
// console.log/info/debug would corrupt it, so those go to stderr; imported first, before any library.
console.log = console.error;
console.info = console.error;
console.debug = console.error;
process.env.DOTENV_CONFIG_QUIET = 'true';
