/**
 * Calls a handler by name with an untrusted payload — what every transport (IPC, HTTP) does:
 * the name must be a method of core/api, the payload must parse with its request schema.
 */
import { api, isMethod, type HandlerContext, type Handlers, type Method, type Res, type ApiError } from '../api';
import { HeadroomError, isHeadroomError } from '../lib';

export async function dispatch(handlers: Handlers, name: string, payload: unknown, ctx: HandlerContext): Promise<unknown> {
  if (!isMethod(name)) throw new HeadroomError('NOT_FOUND', `Unknown method "${name}".`);
  const parsed = api[name].req.safeParse(payload ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(request)'}: ${i.message}`).join('; ');
    throw new HeadroomError('BAD_INPUT', `Invalid request for "${name}": ${issues}`);
  }
  return call(handlers, name, parsed.data, ctx);
}

function call<K extends Method>(handlers: Handlers, name: K, req: unknown, ctx: HandlerContext): Promise<Res<K>> {
  const handler = handlers[name] as (req: unknown, ctx: HandlerContext) => Promise<Res<K>>;
  return handler(req, ctx);
}

/** The wire form of an error: HeadroomErrors keep code/message/location; anything else is INTERNAL. */
export function toApiError(e: unknown): ApiError {
  if (isHeadroomError(e)) {
    const loc = e.location;
    return {
      code: e.code,
      message: e.message,
      ...(loc ? { location: { ...(loc.file !== undefined ? { file: loc.file } : {}), ...(loc.line !== undefined ? { line: loc.line } : {}), ...(loc.column !== undefined ? { column: loc.column } : {}) } } : {}),
    };
  }
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}
