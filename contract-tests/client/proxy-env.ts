import { Agent, type Dispatcher, EnvHttpProxyAgent } from 'undici';
import type { Env } from '../../schemas/_shared/signing/index.ts';

/** Loopback never goes through an egress proxy: the embedded mock and local stand-ins live there. */
const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

/**
 * The egress proxy settings of `env` as curl reads them: `https_proxy`/`HTTPS_PROXY` for https URLs,
 * `http_proxy`/`HTTP_PROXY` for http ones (and https when no https proxy is set), `no_proxy`/`NO_PROXY` hosts
 * (with subdomains, `:port` optional, `*` for all) reached directly. Read from the command's environment only,
 * never from the process's: empty values mean "none" to undici.
 */
export function proxySettings(env: Env): { httpProxy: string; httpsProxy: string; noProxy: string } {
  const pick = (name: string) => env[name.toLowerCase()] || env[name.toUpperCase()] || '';
  const noProxy = pick('no_proxy');
  return {
    httpProxy: pick('http_proxy'),
    httpsProxy: pick('https_proxy'),
    noProxy: noProxy.trim() === '*' ? '*' : [noProxy, ...LOOPBACK].filter((entry) => entry !== '').join(','),
  };
}

/** A connection pool that honours `env`'s egress proxy settings; a plain Agent when there are none. */
export function egressAgent(options: Agent.Options, env: Env): Dispatcher {
  const settings = proxySettings(env);
  return settings.httpProxy === '' && settings.httpsProxy === '' ? new Agent(options) : new EnvHttpProxyAgent({ ...options, ...settings });
}
