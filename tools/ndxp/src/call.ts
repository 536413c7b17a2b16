// `ndxp call`: one request to a national service as a given LGSP.
import { MeshError, isClientError } from '@ndxp/contracts';
import { createClient } from '@ndxp/lgsp-client';
import { CONNECT_HELP, CONNECT_OPTIONS, natsSettings, parse, UsageError } from './args';
import { CATALOGUE, exampleOf } from './catalogue';
import { connectionContext, rememberConnection } from './connection-context';
import { classifyFailure } from './failure';
import { wholeNumber } from './inputs';

export const CALL_HELP = `Usage: ndxp call --as <consumer> <service> '<request JSON>' [options]

Sends one request through the mesh as the LGSP <consumer> and prints the answer as JSON.

  --as <token>        consumer subsystem token, e.g. TINH-01-LGSP
${CONNECT_HELP}
  --timeout <ms>      deadline of the call (default 5000)
  --request-id <id>   reuse a request id (idempotency key)
  --officer <id>      officer behind the request; --purpose <code> dossier or purpose code

Services (provider/service, example request):
${Object.entries(CATALOGUE)
  .map(([name, e]) => `  ${e.service.provider}/${name}  ${exampleOf(name)}`)
  .join('\n')}
Exit status: 0 answered, 3 refused with a client.* code (or the broker refused the credentials), 4 failed
with a server.* code, 2 usage.
Example: ndxp call --creds TINH-01-LGSP.creds --as TINH-01-LGSP GetEnterprise '{"taxCode":"0100109106"}'`;

/** Runs the call command; returns the exit status. */
export async function runCall(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    as: { type: 'string' },
    ...CONNECT_OPTIONS,
    timeout: { type: 'string' },
    'request-id': { type: 'string' },
    officer: { type: 'string' },
    purpose: { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(`${CALL_HELP}\n`);
    return 0;
  }
  const [serviceName, json] = positionals;
  if (!values.as) throw new UsageError('--as <consumer> is required');
  if (!serviceName) throw new UsageError('name a service');
  const entry = CATALOGUE[serviceName];
  if (!entry) throw new UsageError(`unknown service ${serviceName}; known: ${Object.keys(CATALOGUE).join(', ')}`);
  let body: unknown;
  try {
    body = JSON.parse(json ?? '{}');
  } catch {
    throw new UsageError(`the request must be JSON, e.g. ${exampleOf(serviceName)}`);
  }
  const timeoutMs = values.timeout === undefined ? undefined : wholeNumber('--timeout', values.timeout, 1, 600_000);
  const settings = natsSettings(values);
  rememberConnection({ ...connectionContext()!, consumer: values.as });
  const client = await createClient({ consumer: values.as, ...settings, retries: 1 });
  try {
    const result = await client.call(entry.service, entry.request.fromJSON(body), {
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(values['request-id'] ? { requestId: values['request-id'] } : {}),
      ...(values.officer ? { officer: values.officer } : {}),
      ...(values.purpose ? { purpose: values.purpose } : {}),
    });
    process.stdout.write(
      `${JSON.stringify({ status: 'ok', requestId: result.requestId, receipt: result.receipt, answer: entry.response.toJSON(result.response) }, null, 2)}\n`,
    );
    return 0;
  } catch (err) {
    // A refusal caused by the credentials or --as is the caller's to fix: one line on stderr (main).
    if (classifyFailure(err, connectionContext()).code.startsWith('cli.')) throw err;
    const e = MeshError.from(err);
    process.stdout.write(`${JSON.stringify({ status: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) }, null, 2)}\n`);
    return isClientError(e.code) ? 3 : 4;
  } finally {
    await client.close();
  }
}
