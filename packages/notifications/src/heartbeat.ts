/**
 * Watches a socket for silence. The service sends a heartbeat every 30 s; a half-open link (no FIN, no
 * error, just nothing) is only noticed by the absence of frames. Halfway through the timeout the watchdog
 * asks for a pong, so that a timeout shorter than the heartbeat interval does not kill a healthy socket.
 */
export class HeartbeatWatchdog {
  private probeTimer: ReturnType<typeof setTimeout> | undefined;
  private deadTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly timeoutMs: number,
    private readonly probe: () => void,
    private readonly onTimeout: () => void,
  ) {}

  /** (Re)starts the countdown: call on open and on every frame. */
  reset(): void {
    this.stop();
    this.probeTimer = setTimeout(() => this.probe(), Math.floor(this.timeoutMs / 2));
    this.deadTimer = setTimeout(() => {
      this.stop();
      this.onTimeout();
    }, this.timeoutMs);
  }

  stop(): void {
    clearTimeout(this.probeTimer);
    clearTimeout(this.deadTimer);
    this.probeTimer = undefined;
    this.deadTimer = undefined;
  }
}
