import { Worker } from 'node:worker_threads';
import type { CheckedExchange, SeenExchange } from './check.ts';

/** What the checks' thread compiles its contract from. */
export interface CheckerData {
  services: string[];
  bodyLimit: number;
  /** `--history`: also take the shape of each answer, never keeping these values (the run's credentials). */
  observe?: { secrets: string[] } | undefined;
}

/** Bytes of bodies posted and not yet checked past which the proxy takes no new request (see `full`). */
export const MAX_BACKLOG_BYTES = 8 * 1024 * 1024;

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * The checks, run on a worker thread of their own (scripts/proxy/check-thread.ts) rather than on the thread that
 * forwards: a slow check (a 1 MiB XML body to decode and validate) never delays another caller's answer, and on a
 * machine with a spare core the checks cost the forwarding path little more than posting the exchange.
 *
 * Exchanges go over in batches, one message each, and their results come back in the order posted; `onChecked`
 * gets each one with the item it was posted with. A thread that dies fails once, through `onFailure`, and every
 * exchange it had not answered, or that is posted after, is counted: `drain` rejects naming the cause and how many.
 *
 * Checks slower than forwarding (callers sending 1 MiB XML bodies back to back) would queue bodies without bound;
 * past `maxBacklogBytes` of bodies waiting, `full` says so and `whenRoom` calls back once half of them are checked.
 */
export class Checker<T> {
  /** Resolves once the thread has compiled the contract; rejects if it fails to. */
  readonly ready: Promise<void>;
  private readonly worker: Worker;
  /** The items of each batch posted and not yet answered, oldest first, and the bytes of its bodies. */
  private readonly posted: { items: T[]; bytes: number }[] = [];
  private backlog = 0;
  private roomWaiters: (() => void)[] = [];
  private waiters: Waiter[] = [];
  private started: Waiter | undefined;
  private failure: string | undefined;
  /** What the thread threw, kept until it has exited (see the constructor). */
  private crash: string | undefined;
  private unchecked = 0;
  private stopping = false;

  constructor(
    data: CheckerData,
    private readonly onChecked: (item: T, checked: CheckedExchange) => void,
    private readonly onFailure: (error: Error) => void,
    private readonly maxBacklogBytes = MAX_BACKLOG_BYTES,
  ) {
    this.ready = new Promise((resolve, reject) => {
      this.started = { resolve, reject };
    });
    // Whoever starts the checker awaits `ready`, unless something else failed first: then it is closed unawaited.
    this.ready.catch(() => undefined);
    this.worker = new Worker(new URL('./check-worker.js', import.meta.url), { workerData: data });
    this.worker.on('message', (message: CheckedExchange[] | 'ready') => this.received(message));
    // Node may emit 'error' before the results the thread posted just before it died; 'exit' comes after them all,
    // so the thread fails there, and every result it did send is delivered first.
    this.worker.on('error', (error) => {
      this.crash ??= `failed: ${String(error).split('\n')[0]}`;
    });
    this.worker.on('exit', (code) => this.fail(this.crash ?? `exited (code ${code})`));
  }

  private received(message: CheckedExchange[] | 'ready'): void {
    if (message === 'ready') {
      this.started?.resolve();
      this.started = undefined;
      return;
    }
    const { items, bytes } = this.posted.shift() as { items: T[]; bytes: number };
    this.backlog -= bytes;
    for (let i = 0; i < items.length; i++) {
      this.onChecked(items[i] as T, message[i] as CheckedExchange);
    }
    if (this.backlog <= this.maxBacklogBytes / 2) {
      this.makeRoom();
    }
    if (this.posted.length === 0) {
      this.settle();
    }
  }

  private fail(what: string): void {
    if (this.stopping || this.failure !== undefined) {
      return;
    }
    this.failure = `api-contracts proxy: the checks' worker thread ${what}`;
    for (const { items } of this.posted.splice(0)) {
      this.unchecked += items.length;
    }
    this.backlog = 0;
    this.makeRoom();
    if (this.started === undefined) {
      this.onFailure(new Error(this.failure));
    } else {
      this.started.reject(new Error(this.failure));
    }
    this.settle();
  }

  private error(): Error {
    return new Error(`${this.failure}: ${this.unchecked} exchange(s) forwarded but not checked`);
  }

  private makeRoom(): void {
    const waiters = this.roomWaiters;
    this.roomWaiters = [];
    for (const waiter of waiters) {
      waiter();
    }
  }

  private settle(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) {
      if (this.failure === undefined) {
        waiter.resolve();
      } else {
        waiter.reject(this.error());
      }
    }
  }

  /** Checks `seen` on the thread; `items[i]` goes with `seen[i]`. */
  post(items: T[], seen: SeenExchange[]): void {
    if (this.failure !== undefined) {
      this.unchecked += items.length;
      return;
    }
    let bytes = 0;
    for (const { requestBody, responseBody } of seen) {
      bytes += (requestBody?.length ?? 0) + (responseBody?.length ?? 0);
    }
    this.posted.push({ items, bytes });
    this.backlog += bytes;
    this.worker.postMessage(seen);
  }

  /** Whether the bodies waiting for their checks are over `maxBacklogBytes`. */
  full(): boolean {
    return this.backlog > this.maxBacklogBytes;
  }

  /** Calls `then` once the backlog is down to half `maxBacklogBytes` (or the thread died). */
  whenRoom(then: () => void): void {
    this.roomWaiters.push(then);
  }

  /** Resolves once every batch posted so far has been answered; rejects if the thread died. */
  drain(): Promise<void> {
    if (this.failure !== undefined) {
      return Promise.reject(this.error());
    }
    if (this.posted.length === 0) {
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  async close(): Promise<void> {
    this.stopping = true;
    await this.worker.terminate();
  }
}

/**
 * Posting a Buffer copies its whole backing store: a slice of Node's 8 KiB pool or of a larger socket read would
 * take that much along. Such a body is copied to a store of its own size first.
 */
export function postable(bytes: Buffer): Buffer {
  return bytes.byteLength === bytes.buffer.byteLength ? bytes : Buffer.from(new Uint8Array(bytes).buffer);
}
