import { escapeXml } from './soap-xml';

describe('escapeXml', () => {
  it('escapes markup characters and drops characters XML cannot carry', () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;');
    expect(escapeXml('a\u0000b\u0008c\u001Fd\uFFFEe')).toBe('abcde');
    expect(escapeXml('tab\tLF\nCR\r')).toBe('tab\tLF\nCR\r');
    expect(escapeXml('\uD83D\uDE00 lone \uD800 \uDC00')).toBe('\uD83D\uDE00 lone  ');
  });
});
