// Raw DEFLATE with the browser's own compressor (CompressionStream), for share and exercise links
// (web/src/codec.rs): the wasm then carries no compressor. Inflating stays in the wasm, so opening a link is
// synchronous.
export async function deflateRaw(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
