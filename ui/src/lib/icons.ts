// Icon geometry: each icon is a list of SVG path `d` strings on a 24×24 grid,
// drawn with a round 1.75px stroke in currentColor. Rendered by Icon.svelte.
// Add an icon by adding an entry; IconName follows.

/** A circle written as a path, so every icon is just a list of `d` strings. */
function circle(cx: number, cy: number, r: number): string {
  return `M${cx - r} ${cy}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`;
}

/** A rounded rectangle as a path. */
function rect(x: number, y: number, w: number, h: number, r = 2): string {
  return (
    `M${x + r} ${y}h${w - 2 * r}a${r} ${r} 0 0 1 ${r} ${r}v${h - 2 * r}` +
    `a${r} ${r} 0 0 1 ${-r} ${r}h${-(w - 2 * r)}a${r} ${r} 0 0 1 ${-r} ${-r}` +
    `v${-(h - 2 * r)}a${r} ${r} 0 0 1 ${r} ${-r}Z`
  );
}

export const icons = {
  leaf: ['M5 20c-.6-9.2 4.6-15 15-15 .6 10.4-5.6 15.6-15 15Z', 'M5 20l8.5-8.5'],
  sprout: [
    'M12 21v-9',
    'M12 12C12 8.2 9.7 6 5 6c0 3.9 2.4 6 7 6Z',
    'M12 10c0-3.6 2.4-5.8 7-5.8 0 3.7-2.4 5.8-7 5.8Z',
  ],
  home: ['M3.5 10.5 12 3.5l8.5 7', 'M5.5 9v10.5a1 1 0 0 0 1 1H10V15h4v5.5h3.5a1 1 0 0 0 1-1V9'],
  search: [circle(11, 11, 6.5), 'm20 20-4.2-4.2'],
  chart: ['M4 20h16', 'M7 16.5v-4', 'M12 16.5V7', 'M17 16.5v-7'],
  settings: [
    'M4 6h9',
    'M17 6h3',
    circle(15, 6, 2),
    'M4 12h3',
    'M11 12h9',
    circle(9, 12, 2),
    'M4 18h11',
    'M19 18h1',
    circle(17, 18, 2),
  ],
  users: [
    circle(9, 8, 3.5),
    'M2.5 20c.6-3.5 3.2-5.5 6.5-5.5s5.9 2 6.5 5.5',
    'M16 4.7a3.5 3.5 0 0 1 0 6.6',
    'M18.5 14.8c1.7.7 2.7 2.4 3 5.2',
  ],
  plus: ['M12 5v14', 'M5 12h14'],
  x: ['M6 6l12 12', 'M18 6 6 18'],
  check: ['M5 12.5l4.5 4.5L19 7.5'],
  'chevron-down': ['m6 9 6 6 6-6'],
  'chevron-right': ['m9 6 6 6-6 6'],
  'chevron-left': ['m15 6-6 6 6 6'],
  'alert-circle': [circle(12, 12, 9), 'M12 7.5v5.5', 'M12 16.5h.01'],
  'alert-triangle': [
    'M10.3 4.2 2.6 17.5a2 2 0 0 0 1.7 3h15.4a2 2 0 0 0 1.7-3L13.7 4.2a2 2 0 0 0-3.4 0Z',
    'M12 9.5v4',
    'M12 17h.01',
  ],
  info: [circle(12, 12, 9), 'M12 11v5.5', 'M12 7.5h.01'],
  'check-circle': [circle(12, 12, 9), 'm8.5 12.5 2.5 2.5 4.5-5'],
  inbox: ['M3 13h5l1.5 3h5l1.5-3h5', 'M5.7 5h12.6L21 13v5a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-5Z'],
  target: [circle(12, 12, 9), circle(12, 12, 5), circle(12, 12, 1)],
  calendar: [rect(3.5, 5, 17, 15.5), 'M3.5 10h17', 'M8 3v4', 'M16 3v4'],
  note: [
    'M14 3.5H7a2 2 0 0 0-2 2v13a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-10Z',
    'M14 3.5v5h5',
    'M9 13h6',
    'M9 16.5h4',
  ],
  flag: ['M5.5 21V4', 'M5.5 4h11l-2 4.5 2 4.5h-11'],
  clipboard: [
    rect(9, 3, 6, 3.5, 1),
    'M9 5H7a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2h-2',
    'm9 14 2 2 4-4',
  ],
  folder: ['M3.5 7a2 2 0 0 1 2-2h3.8l2 2h7.2a2 2 0 0 1 2 2v8.5a2 2 0 0 1-2 2h-13a2 2 0 0 1-2-2Z'],
  import: ['M12 4v11', 'm7.5 10.5 4.5 4.5 4.5-4.5', 'M4.5 15.5v3a2 2 0 0 0 2 2h11a2 2 0 0 0 2-2v-3'],
  sun: [
    circle(12, 12, 4),
    'M12 2.5v2',
    'M12 19.5v2',
    'm5.3 5.3 1.4 1.4',
    'm17.3 17.3 1.4 1.4',
    'M2.5 12h2',
    'M19.5 12h2',
    'm5.3 18.7 1.4-1.4',
    'm17.3 6.7 1.4-1.4',
  ],
  moon: ['M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5Z'],
  monitor: [rect(3, 4, 18, 12.5), 'M8.5 20.5h7', 'M12 16.5v4'],
  compass: [circle(12, 12, 9), 'm15.5 8.5-2 5-5 2 2-5Z'],
  // Pair screen
  lock: [rect(5, 10.5, 14, 10), 'M8.5 10.5V7.5a3.5 3.5 0 0 1 7 0v3'],
  pencil: ['M4 20h4L19 9a2.8 2.8 0 0 0-4-4L4 16Z', 'm13.5 6.5 4 4'],
  trash: ['M4.5 7h15', 'M9.5 7V4.5h5V7', 'M6.5 7l1 12.5a1.5 1.5 0 0 0 1.5 1.5h6a1.5 1.5 0 0 0 1.5-1.5l1-12.5', 'M10 11v6', 'M14 11v6'],
  more: [circle(6, 12, 0.9), circle(12, 12, 0.9), circle(18, 12, 0.9)],
  chat: ['M4 5.5h16v10.5H10l-4.5 4v-4H4Z', 'M8 9.5h8', 'M8 12.5h5'],
  clock: [circle(12, 12, 9), 'M12 7v5l3 2'],
  pause: ['M9 5.5v13', 'M15 5.5v13'],
  play: ['M7.5 5v14l11.5-7Z'],
  external: ['M14 4.5h5.5V10', 'M19.5 4.5 11 13', 'M17.5 14v4.5a1.5 1.5 0 0 1-1.5 1.5H6a1.5 1.5 0 0 1-1.5-1.5V8A1.5 1.5 0 0 1 6 6.5h4.5'],
  globe: [circle(12, 12, 9), 'M3 12h18', 'M12 3c2.5 2.6 3.7 5.6 3.7 9s-1.2 6.4-3.7 9c-2.5-2.6-3.7-5.6-3.7-9S9.5 5.6 12 3Z'],
  repeat: ['M4 11V9.5A3.5 3.5 0 0 1 7.5 6H19', 'm16 3 3 3-3 3', 'M20 13v1.5a3.5 3.5 0 0 1-3.5 3.5H5', 'm8 21-3-3 3-3'],
  stop: [circle(12, 12, 9), 'M8 8l8 8'],
  award: [circle(12, 9, 5.5), 'M8.5 13.5 7 21l5-2.5 5 2.5-1.5-7.5'],
} as const satisfies Record<string, readonly string[]>;

export type IconName = keyof typeof icons;
