module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  overrides: [
    {
      // Helpers of this package's own tests only (src/testUtils.ts never exports them): like a
      // test file, they may use the test dependencies.
      files: [
        'src/testing/startArgoTestBackend.ts',
        'src/testing/startArgoTestReplica.ts',
        'src/testing/argoSwagger.ts',
        'src/testing/roadieCodecs.ts',
        'src/testing/rawBody.ts',
      ],
      rules: { '@backstage/no-undeclared-imports': 'off' },
    },
  ],
});
