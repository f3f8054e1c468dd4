/**
 * Who hears about a popup login: the reference's single callback (`onAuthPopupStatus`) and its
 * listeners. Kept apart from the popup itself so that a client holds its listeners without carrying
 * the popup's window handling, which loads with the login flows.
 */

/** The statuses the reference reports (`onAuthPopupStatus`, `addAuthPopupStatusListener`). */
export type AuthPopupStatus = 'INIT' | 'ABORTED' | 'TIMEOUT' | 'AUTH_ERROR' | 'REDIRECTING' | 'AUTHENTICATED' | 'Error';
export type AuthPopupStatusListener = (status: AuthPopupStatus, message: string, identifier: string | null) => void;

export class PopupStatusListeners {
  /** The reference's single status callback. */
  onStatus: AuthPopupStatusListener | null = null;
  private readonly listeners: AuthPopupStatusListener[] = [];

  add(listener: AuthPopupStatusListener): void {
    if (typeof listener === 'function') this.listeners.push(listener);
  }

  remove(listener: AuthPopupStatusListener): void {
    const index = this.listeners.indexOf(listener);
    if (index !== -1) this.listeners.splice(index, 1);
  }

  removeAll(): void {
    this.listeners.length = 0;
  }

  /** Reports a status to the callback and every listener; a listener that throws does not stop the login. */
  emit(status: AuthPopupStatus, message: string, identifier: string | null): void {
    for (const listener of [this.onStatus, ...this.listeners]) {
      if (typeof listener !== 'function') continue;
      try {
        listener(status, message, identifier);
      } catch {
        // The app's listener failed; the login goes on.
      }
    }
  }
}
