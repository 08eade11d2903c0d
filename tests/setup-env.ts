// natural loads dotenv on import; keep its banner out of test output.
process.env.DOTENV_CONFIG_QUIET = 'true';
