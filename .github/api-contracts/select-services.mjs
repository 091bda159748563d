#!/usr/bin/env node
// Which services the nightly live run tests, for the workflow's live job (tested in scripts/workflow.test.ts).
//
// API_CONTRACTS_SERVICES (a repository variable: ids separated by spaces or commas) names them; each named one
// must then have its credentials, and the run fails naming the missing variable. Unset, every service whose
// credentials are present runs, and each of the others is skipped with a notice in the job summary: a fork that
// calls one vendor does not fail every night over the others; one whose credentials are half set is skipped
// with a warning naming the missing variable. Writes `run` (true|false) and `args` (the
// --base-url options) to $GITHUB_OUTPUT; the summary lines to $GITHUB_STEP_SUMMARY.
import { appendFileSync } from 'node:fs';

const set = (env, name) => (env[name] ?? '').trim() !== '';
const all = (env, names) => names.every((name) => set(env, name));

// Each service's base URL and the credential sets any of which lets a live run sign (README: Live runs).
const SERVICES = [
  {
    id: 'ncp-dataforest',
    url: () => 'https://df.apigw.ntruss.com',
    credentials: [['NCP_ACCESS_KEY', 'NCP_SECRET_KEY']],
  },
  ...['dcs', 'dds'].map((product) => ({
    id: `huawei-${product}`,
    url: (env) => `https://${product}.${env.HUAWEI_REGION || 'ap-southeast-1'}.myhuaweicloud.com`,
    credentials: [
      ['HUAWEI_AK', 'HUAWEI_SK'],
      ['HUAWEI_AUTH_TOKEN'],
      ['HUAWEI_IAM_USER', 'HUAWEI_IAM_PASSWORD', 'HUAWEI_IAM_DOMAIN', 'HUAWEI_PROJECT_ID'],
    ],
  })),
];

export function select(env) {
  const asked = (env.API_CONTRACTS_SERVICES ?? '').split(/[\s,]+/).filter((id) => id !== '');
  const unknown = asked.filter((id) => !SERVICES.some((s) => s.id === id));
  if (unknown.length > 0) {
    return { error: `API_CONTRACTS_SERVICES names unknown services: ${unknown.join(', ')} (services: ${SERVICES.map((s) => s.id).join(', ')})` };
  }
  const chosen = [];
  const skipped = [];
  const incomplete = [];
  for (const service of SERVICES) {
    const ready = service.credentials.some((names) => all(env, names));
    if (asked.length > 0 ? asked.includes(service.id) : ready) {
      chosen.push(service);
    } else if (asked.length === 0) {
      // A set begun but not finished is most likely a secret forgotten or misspelt: say which one.
      const begun = service.credentials.find((names) => names.some((name) => set(env, name)));
      if (begun) {
        const missing = begun.filter((name) => !set(env, name));
        incomplete.push(`${service.id}: skipped, incomplete credentials: ${missing.join(', ')} not set (beside ${begun.filter((name) => set(env, name)).join(', ')})`);
      } else {
        const needs = service.credentials.map((names) => names.join(' + ')).join(', or ');
        skipped.push(`${service.id}: skipped, no credentials (set the secrets ${needs})`);
      }
    }
  }
  return { chosen: chosen.map((s) => `--base-url ${s.id}=${s.url(env)}`), skipped, incomplete };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const env = process.env;
  const result = select(env);
  const summary = (text) => env.GITHUB_STEP_SUMMARY && appendFileSync(env.GITHUB_STEP_SUMMARY, `${text}\n`);
  const output = (text) => env.GITHUB_OUTPUT && appendFileSync(env.GITHUB_OUTPUT, `${text}\n`);
  if (result.error) {
    console.log(`::error::${result.error}`);
    process.exit(2);
  }
  for (const line of result.incomplete) {
    console.log(`::warning::${line}`);
    summary(`- ${line}`);
  }
  for (const line of result.skipped) {
    console.log(`::notice::${line}`);
    summary(`- ${line}`);
  }
  if (result.chosen.length === 0) {
    summary('No service has live credentials: nothing was tested live. Set the secrets the README lists, or API_CONTRACTS_SERVICES.');
  }
  output(`run=${result.chosen.length > 0}`);
  output(`args=${result.chosen.join(' ')}`);
}
