/**
 * The recipe in an animated WebP: an `XMP ` chunk (the container's place for metadata, flagged in
 * its VP8X header) holding a minimal XMP packet whose dc:description is the recipe's JSON. ffmpeg's
 * WebP muxer writes no metadata of its own, so the chunk is added to the file it wrote.
 */

const xmpFlag = 0x04;

/** `bytes` (an extended WebP, as ffmpeg writes an animation) with `text` in an XMP chunk at its end. */
export function insertWebpXmp(bytes: Uint8Array, text: string): Uint8Array {
  const ascii = (at: number, length: number) => Buffer.from(bytes.subarray(at, at + length)).toString('latin1');
  if (ascii(0, 4) !== 'RIFF' || ascii(8, 4) !== 'WEBP' || ascii(12, 4) !== 'VP8X') {
    throw new Error('not an extended WebP (RIFF…WEBP with a VP8X chunk first)');
  }
  const packet = Buffer.from(
    `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description>${escapeXml(text)}</dc:description></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="r"?>`,
    'utf8',
  );
  const chunk = Buffer.alloc(8 + packet.length + (packet.length & 1));
  chunk.write('XMP ', 0, 'latin1');
  chunk.writeUInt32LE(packet.length, 4);
  packet.copy(chunk, 8);
  const out = Buffer.concat([bytes, chunk]);
  out.writeUInt32LE(out.length - 8, 4);
  out[20] |= xmpFlag;
  return out;
}

/** The text of a WebP's XMP dc:description, or undefined where it has none. */
export function readWebpXmp(bytes: Uint8Array): string | undefined {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (data.length < 12 || data.toString('latin1', 0, 4) !== 'RIFF' || data.toString('latin1', 8, 12) !== 'WEBP') {
    throw new Error('not a WebP file');
  }
  for (let at = 12; at + 8 <= data.length; ) {
    const size = data.readUInt32LE(at + 4);
    if (data.toString('latin1', at, at + 4) === 'XMP ') {
      const packet = data.toString('utf8', at + 8, Math.min(data.length, at + 8 + size));
      const match = /<dc:description>([^<]*)<\/dc:description>/.exec(packet);
      return match ? unescapeXml(match[1]) : undefined;
    }
    at += 8 + size + (size & 1);
  }
  return undefined;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
