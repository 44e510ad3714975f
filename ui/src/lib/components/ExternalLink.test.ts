import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError, openExternal } from '../ipc';
import { toasts } from '../toast.svelte';
import ExternalLink from './ExternalLink.svelte';

interface Call {
  cmd: string;
  args: Record<string, unknown>;
}

function backend(open: (args: Record<string, unknown>) => unknown = () => null): Call[] {
  const calls: Call[] = [];
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    if (cmd === 'plugin:opener|open_url') return open(args);
    throw { kind: 'not_found', message: `unknown command ${cmd}` };
  });
  return calls;
}

afterEach(() => {
  clearMocks();
  toasts.clear();
});

const EVIDENCE = 'https://review.opendev.org/c/openstack/nova/+/912345';

describe('ExternalLink', () => {
  it('shows the URL as text and opens it in the system browser on a click', async () => {
    const user = userEvent.setup();
    const calls = backend();
    render(ExternalLink, { url: EVIDENCE });

    const link = screen.getByRole('link', { name: EVIDENCE });
    expect(link).toHaveAttribute('href', EVIDENCE);
    expect(link).not.toHaveAttribute('target');
    expect(calls).toEqual([]);

    await user.click(link);

    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]).toEqual({ cmd: 'plugin:opener|open_url', args: { url: EVIDENCE } });
  });

  it('keeps the window where it is: the click’s default navigation is cancelled', () => {
    backend();
    render(ExternalLink, { url: EVIDENCE });

    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    screen.getByRole('link').dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
  });

  it('shows a javascript: URL as plain text, never as a link', async () => {
    const user = userEvent.setup();
    const calls = backend();
    const payload = "javascript:document.title='pwned'";
    render(ExternalLink, { url: payload });

    expect(screen.queryByRole('link')).not.toBeInTheDocument();
    const text = screen.getByText(payload);
    expect(text.closest('a')).toBeNull();
    await user.click(text);
    expect(calls).toEqual([]);
    expect(document.querySelector('a[href^="javascript:"]')).toBeNull();
  });

  it('says so when the system browser cannot be opened', async () => {
    const user = userEvent.setup();
    backend(() => {
      throw 'Not allowed to open url https://review.opendev.org/';
    });
    render(ExternalLink, { url: EVIDENCE });

    await user.click(screen.getByRole('link'));

    await waitFor(() => expect(toasts.items.map((t) => t.title)).toEqual(['The link could not be opened']));
    expect(toasts.items[0]?.message).toContain('Not allowed to open url');
  });
});

describe('openExternal', () => {
  it('refuses anything that is not an http(s) URL before calling the opener', async () => {
    const calls = backend();
    for (const url of [
      "javascript:document.title='pwned'",
      ' JavaScript:alert(1)',
      'file:///etc/passwd',
      'data:text/html,<script>alert(1)</script>',
      'mailto:ada@example.com',
      'review.opendev.org/c/1',
      '',
    ]) {
      const refused = await openExternal(url).then(
        () => null,
        (e: unknown) => e,
      );
      expect(refused, url).toBeInstanceOf(AppError);
      expect((refused as AppError).kind, url).toBe('invalid');
    }
    expect(calls).toEqual([]);
  });

  it('opens http and https URLs', async () => {
    const calls = backend();
    await openExternal('http://example.org/a?b=c#d');
    await openExternal('https://example.org/');
    expect(calls.map((c) => c.args.url)).toEqual(['http://example.org/a?b=c#d', 'https://example.org/']);
  });
});
