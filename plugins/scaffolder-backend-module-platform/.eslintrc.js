module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // The injection corpus asserts through its refused() helper, the team-namespace tests
    // through expectCommitRefused().
    'jest/expect-expect': [
      'warn',
      { assertFunctionNames: ['expect', 'refused', 'expectCommitRefused'] },
    ],
  },
});
