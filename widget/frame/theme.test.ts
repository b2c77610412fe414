import { describe, expect, it } from 'vitest';
import { BACKGROUNDS, contrast, hex, mix, type Rgb, readableOn, textOn } from './theme';

const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];

describe('theme colors', () => {
  it('computes WCAG contrast ratios', () => {
    expect(contrast(WHITE, BLACK)).toBeCloseTo(21, 5);
    expect(contrast(WHITE, WHITE)).toBe(1);
    // The default brand on white, as documented in styles.css.
    expect(contrast([31, 94, 255], WHITE)).toBeGreaterThan(4.5);
  });

  it('keeps a readable brand as it is and shades an unreadable one until it reads', () => {
    const blue: Rgb = [31, 94, 255];
    expect(readableOn(blue, BACKGROUNDS.light)).toEqual(blue);
    const onDark = readableOn(blue, BACKGROUNDS.dark);
    expect(onDark).not.toEqual(blue);
    expect(contrast(onDark, BACKGROUNDS.dark)).toBeGreaterThanOrEqual(4.5);
    for (const brand of [
      [255, 221, 0],
      [0, 200, 83],
      [20, 20, 20],
      [255, 0, 255],
    ] as Rgb[]) {
      expect(contrast(readableOn(brand, BACKGROUNDS.light), BACKGROUNDS.light)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(readableOn(brand, BACKGROUNDS.dark), BACKGROUNDS.dark)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('puts dark text on light fills and white text on dark fills', () => {
    expect(textOn([255, 221, 0])).toEqual([17, 17, 17]);
    expect(textOn([31, 94, 255])).toEqual(WHITE);
  });

  it('mixes and prints colors', () => {
    expect(mix(BLACK, WHITE, 0.5)).toEqual([128, 128, 128]);
    expect(hex([31, 94, 255])).toBe('#1f5eff');
  });
});
