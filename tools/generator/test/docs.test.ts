/** The TSDoc text the generator writes from the spec's descriptions. */
import { docText } from '../src/docs.js';

describe('docText', () => {
  it('turns Javadoc {@code x} into a code span, which TSDoc and TypeDoc read', () => {
    expect(docText('Keywords from the HTML {@code <meta>} tag of the page.')).toBe('Keywords from the HTML `<meta>` tag of the page.');
    expect(docText('{@code a} and {@code  b c}')).toBe('`a` and `b c`');
  });

  it('cannot close the comment it is written into, and keeps one kind of line break', () => {
    expect(docText('ends */ here\r\nand\rthere')).toBe('ends *\\/ here\nand\nthere');
    expect(docText(undefined)).toBe('');
  });
});
