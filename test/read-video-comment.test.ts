import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseFfmetadata } from '../src/encoders/metadata/read-video-comment.ts';

test('reads global tags and unescapes = ; # \\ and newlines', () => {
  const text = ';FFMETADATA1\nmajor_brand=isom\ncomment={"a b":"x\\=y\\;\\#\\\\\\\\ü"}\nencoder=Lavf58\n';
  assert.equal(parseFfmetadata(text), { major_brand: 'isom', comment: '{"a b":"x=y;#\\\\ü"}', encoder: 'Lavf58' });
});

test('keys in lower case (Matroska writes COMMENT); sections end the global tags; escaped newline kept', () => {
  const text = ';FFMETADATA1\nCOMMENT=line1\\\nline2\n[STREAM]\ncomment=stream\n';
  assert.equal(parseFfmetadata(text), { comment: 'line1\nline2' });
});

test.run();
