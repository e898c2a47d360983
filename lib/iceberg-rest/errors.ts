import type { ErrorModel } from './types';

export interface IcebergRestErrorDetails {
  /** What the client was doing, e.g. `create table analytics.events`. */
  readonly operation: string;
  /** HTTP status; undefined when no answer arrived (network error, timeout). */
  readonly status?: number;
  /** The ErrorModel the catalog sent, when it sent one. */
  readonly error?: ErrorModel;
  /**
   * The request may or may not have taken effect: a commit answered 500/502/504
   * (CommitStateUnknownException in the specification) or a mutation whose answer never arrived.
   * Reload and check instead of retrying blindly.
   */
  readonly outcomeUnknown?: boolean;
  /** Attempts made (retries included). */
  readonly attempts?: number;
  readonly cause?: unknown;
}

/** A failed catalog request, with the HTTP status and the specification's ErrorModel. */
export class IcebergRestError extends Error {
  readonly operation: string;
  readonly status?: number;
  readonly error?: ErrorModel;
  readonly outcomeUnknown: boolean;
  readonly attempts: number;

  constructor(message: string, details: IcebergRestErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'IcebergRestError';
    this.operation = details.operation;
    this.status = details.status;
    this.error = details.error;
    this.outcomeUnknown = details.outcomeUnknown ?? false;
    this.attempts = details.attempts ?? 1;
  }

  /** The ErrorModel `type`, e.g. `NoSuchTableException`. */
  get type(): string | undefined {
    return this.error?.type;
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }

  get isConflict(): boolean {
    return this.status === 409;
  }
}

/** Whether an error is an {@link IcebergRestError} with the given status. */
export function hasStatus(e: unknown, status: number): e is IcebergRestError {
  return e instanceof IcebergRestError && e.status === status;
}

/** Reads `{ "error": ErrorModel }` from a response body; undefined when it is not one. */
export function parseErrorModel(body: string): ErrorModel | undefined {
  try {
    const parsed = JSON.parse(body) as { error?: Partial<ErrorModel> };
    const e = parsed?.error;
    if (e && typeof e.message === 'string' && typeof e.type === 'string' && typeof e.code === 'number') {
      return { message: e.message, type: e.type, code: e.code, ...(Array.isArray(e.stack) ? { stack: e.stack } : {}) };
    }
  } catch {
    // Not JSON (a load balancer's HTML page, an empty body): the status says enough.
  }
  return undefined;
}
