module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  overrides: [
    {
      // The cross-plugin tests' harness and attack rows (never imported by src/index.ts, never
      // built): like a test file, they may use the test dependencies.
      files: ['src/integration/**'],
      rules: { '@backstage/no-undeclared-imports': 'off' },
    },
  ],
});
