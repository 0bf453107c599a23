// The decks' favicon (`favicon.ico` beside them): browsers ask for it, and a 404 would be an error in
// every deck's console. Drawn here as a 16×16 icon: the timestamp chip's play triangle. No I/O.

const SIZE = 16;
const BLUE = [0xd8, 0x4e, 0x1d, 0xff]; // #1d4ed8 as BGRA
const WHITE = [0xff, 0xff, 0xff, 0xff];

/** Whether pixel (x, y), y from the top, is inside the play triangle. */
function inTriangle(x: number, y: number): boolean {
  const left = 5;
  const right = 12;
  const half = (y < 8 ? y - 3 : 12 - y) / 5; // 0 at the tips, 1 in the middle
  return y >= 3 && y <= 12 && x >= left && x <= left + (right - left) * half;
}

export function favicon(): Buffer {
  const pixels = Buffer.alloc(SIZE * SIZE * 4);
  for (let row = 0; row < SIZE; row++) {
    const y = SIZE - 1 - row; // BMP rows go from the bottom up
    for (let x = 0; x < SIZE; x++) pixels.set(inTriangle(x, y) ? WHITE : BLUE, (row * SIZE + x) * 4);
  }
  const mask = Buffer.alloc(SIZE * 4); // 1 bit a pixel, rows padded to 4 bytes: all opaque
  const bitmap = Buffer.alloc(40);
  bitmap.writeUInt32LE(40, 0);
  bitmap.writeInt32LE(SIZE, 4);
  bitmap.writeInt32LE(SIZE * 2, 8); // an icon's height counts the colour and the mask rows
  bitmap.writeUInt16LE(1, 12);
  bitmap.writeUInt16LE(32, 14);
  bitmap.writeUInt32LE(pixels.length + mask.length, 20);
  const image = Buffer.concat([bitmap, pixels, mask]);
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(SIZE, 6);
  header.writeUInt8(SIZE, 7);
  header.writeUInt16LE(1, 10);
  header.writeUInt16LE(32, 12);
  header.writeUInt32LE(image.length, 14);
  header.writeUInt32LE(header.length, 18);
  return Buffer.concat([header, image]);
}
