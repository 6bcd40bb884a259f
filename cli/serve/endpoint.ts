import { isMethod, type Handlers } from '../../core/api';
import { dispatch } from '../../core/service';
import type { ApiEndpoint } from './server';

/** The service's handlers as the HTTP transport sees them: names checked, payloads validated by `dispatch`. */
export function serviceEndpoint(handlers: Handlers): ApiEndpoint {
  return {
    has: isMethod,
    call: (method, payload, ctx) => dispatch(handlers, method, payload, { signal: ctx.signal, progress: ctx.onProgress }),
  };
}
