module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // The injection corpus asserts through its refused() helper, the team-namespace tests
    // through expectCommitRefused().
    'jest/expect-expect': [
      'warn',
      { assertFunctionNames: ['expect', 'refused', 'expectCommitRefused'] },
    ],
  },
  overrides: [
    {
      // Helpers of this package's own tests only (src/testUtils.ts never exports them): like a
      // test file, they may use the test dependencies.
      files: ['src/testing/kit.ts', 'src/testing/runAction.ts'],
      rules: { '@backstage/no-undeclared-imports': 'off' },
    },
  ],
});
