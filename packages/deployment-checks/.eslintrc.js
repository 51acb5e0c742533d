module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  overrides: [
    {
      // This package is checks only (its main entry exports nothing): the helpers of its tests in
      // src/testing may use the test dependencies, like a test file.
      files: ['src/testing/**'],
      rules: { '@backstage/no-undeclared-imports': 'off' },
    },
  ],
});
