/** The time, injectable so that timeouts and windows are testable without waiting. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock for specs: starts where you say and moves only when told. */
export class ManualClock extends Clock {
  constructor(private current = new Date('2026-01-01T09:00:00.000Z')) {
    super();
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
