#!/usr/bin/env node
/*
 * Verifies the audit log's hash chain, with the same code as GET /api/audit/verify.
 *
 *   node plugins/audit-backend/scripts/verify-chain.mjs <postgresql://user:password@host:port/database>
 *   AUDIT_DATABASE_URL=postgresql://... node plugins/audit-backend/scripts/verify-chain.mjs
 *
 * The database is the audit plugin's own: `backstage_plugin_audit` unless `backend.database`
 * says otherwise (a prefix, or `pluginDivisionMode: schema` — then add `?options=-csearch_path%3Daudit`).
 * Prints "OK: <n> events checked", or the first broken event and why.
 * Exit code: 0 chain intact, 1 chain broken, 2 usage or connection error.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

const connection = process.argv[2] ?? process.env.AUDIT_DATABASE_URL;
if (!connection || connection === '--help' || connection === '-h') {
  console.error(
    'usage: verify-chain.mjs <postgresql connection string>   (or set AUDIT_DATABASE_URL)',
  );
  process.exit(2);
}

/** The plugin's verifyAuditChain: from the build when there is one, else from the sources. */
function loadVerifier() {
  const built = fileURLToPath(new URL('../dist/index.cjs.js', import.meta.url));
  if (existsSync(built)) {
    return require(built).verifyAuditChain;
  }
  require('@backstage/cli/config/nodeTransform.cjs');
  return require('../src/chain/verifyChain.ts').verifyAuditChain;
}

const verifyAuditChain = loadVerifier();
const knex = require('knex')({
  client: 'pg',
  connection,
  pool: { min: 0, max: 1 },
});

let exitCode = 2;
try {
  const started = Date.now();
  const result = await verifyAuditChain(knex);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.ok) {
    console.log(`OK: ${result.checked} events checked in ${seconds} s`);
    exitCode = 0;
  } else {
    console.log(
      `BROKEN at event ${result.firstBrokenId ?? '?'}: ${result.reason} (${
        result.checked
      } events checked before it)`,
    );
    exitCode = 1;
  }
} catch (error) {
  // The message of a connection error never holds the password; the connection string is not printed.
  console.error(
    `verify-chain: ${error instanceof Error ? error.message : error}`,
  );
} finally {
  await knex.destroy();
}
process.exit(exitCode);
