module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  overrides: [
    {
      // Helpers of this package's own tests only (src/testUtils.ts never exports them): like a
      // test file, they may use the test dependencies.
      files: [
        'src/testing/githubOpenApi.ts',
      ],
      rules: { '@backstage/no-undeclared-imports': 'off' },
    },
  ],
});
