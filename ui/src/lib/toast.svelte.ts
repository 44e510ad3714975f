// Transient notices ("Saved", "Backup written"). Toaster.svelte shows them in
// a polite live region; anything that needs a decision belongs in a Dialog.

export type ToastTone = 'neutral' | 'success' | 'warning' | 'danger' | 'info';

export interface Toast {
  id: number;
  tone: ToastTone;
  title: string;
  message?: string;
  /** Milliseconds before it goes away by itself; 0 keeps it until dismissed. */
  timeout: number;
  /** One button beside the text ("Undo"); the notice goes when it is used. */
  action?: ToastAction;
}

export interface ToastAction {
  label: string;
  run: () => unknown;
}

export interface ToastInput {
  title: string;
  message?: string;
  tone?: ToastTone;
  timeout?: number;
  action?: ToastAction;
}

const DEFAULT_TIMEOUT = 5000;

class Toasts {
  items: Toast[] = $state([]);
  #next = 1;

  /** Show a notice; returns its id. */
  notify = (input: ToastInput): number => {
    const id = this.#next++;
    this.items.push({
      id,
      tone: input.tone ?? 'neutral',
      title: input.title,
      message: input.message,
      timeout: input.timeout ?? DEFAULT_TIMEOUT,
      action: input.action,
    });
    return id;
  };

  dismiss = (id: number): void => {
    this.items = this.items.filter((t) => t.id !== id);
  };

  clear = (): void => {
    this.items = [];
  };
}

export const toasts = new Toasts();

/** Shorthand for `toasts.notify`. */
export const notify = toasts.notify;
