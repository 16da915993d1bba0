/**
 * Every keyboard shortcut of the Review screen and of its Sign panel, in one list: the "?"
 * overlay shows exactly these, and the key handlers (use-finding-keys, use-review-keys,
 * ResourceList) implement them. A shortcut added without a line here is not discoverable.
 */
export interface Shortcut {
  /** Keys that do the same thing, as shown ("j", "n"). */
  readonly keys: readonly string[];
  readonly what: string;
}

export interface ShortcutGroup {
  readonly title: string;
  /** When the keys work (e.g. only while the list has focus). */
  readonly note?: string;
  readonly shortcuts: readonly Shortcut[];
}

export const REVIEW_SHORTCUTS: readonly ShortcutGroup[] = [
  {
    title: 'Review',
    note: 'Anywhere on the screen except while typing in a field.',
    shortcuts: [
      { keys: ['j', 'n'], what: 'Next finding' },
      { keys: ['k', 'p'], what: 'Previous finding' },
      { keys: ['u'], what: 'Next resource not yet viewed (in the list as filtered and sorted)' },
      { keys: ['v'], what: 'Mark the selected resource viewed, or not viewed' },
      { keys: ['/'], what: 'Search resources (address, type, name, file)' },
      { keys: ['?'], what: 'Show this list of shortcuts' },
    ],
  },
  {
    title: 'Resource list',
    note: 'While the list has focus (click it or Tab to it).',
    shortcuts: [
      { keys: ['↑', '↓'], what: 'Previous / next resource' },
      { keys: ['PageUp', 'PageDown'], what: 'A page up / down' },
      { keys: ['Home', 'End'], what: 'First / last resource' },
    ],
  },
  {
    title: 'Search field',
    shortcuts: [{ keys: ['Esc'], what: 'Leave the search field (the search stays)' }],
  },
];

export const SIGN_SHORTCUTS: readonly ShortcutGroup[] = [
  {
    title: 'Sign panel',
    note: 'The Review keys above are off while you type in these fields.',
    shortcuts: [
      { keys: ['Tab', 'Shift+Tab'], what: 'Next / previous field' },
      { keys: ['Enter'], what: 'In a passphrase field: submit its form (in the Decision form, that is Approve; Reject is its own button)' },
      { keys: ['Space'], what: 'Press the focused button or tick the focused checkbox' },
    ],
  },
];

export const OVERLAY_SHORTCUTS: readonly Shortcut[] = [{ keys: ['Esc', '?'], what: 'Close this list' }];
