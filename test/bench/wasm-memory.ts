/**
 * How large onnxruntime-web's wasm linear memory is: the models, their sessions and every tensor
 * live there, and neither `Runtime.getHeapUsage` nor `performance.memory` counts it. onnxruntime-web
 * does not expose its module, so the bench watches WebAssembly instantiation for memories (exported
 * or imported) instead. Bench-only instrumentation; it must be installed before the runtime loads.
 */

const memories = new Set<WebAssembly.Memory>();

function noteImports(imports: WebAssembly.Imports | undefined): void {
  for (const module of Object.values(imports ?? {})) {
    for (const value of Object.values(module)) if (value instanceof WebAssembly.Memory) memories.add(value);
  }
}

function noteResult(result: unknown): void {
  const instance =
    result instanceof WebAssembly.Instance
      ? result
      : (result as { instance?: WebAssembly.Instance }).instance;
  for (const value of Object.values(instance?.exports ?? {})) {
    if (value instanceof WebAssembly.Memory) memories.add(value);
  }
}

type Instantiate = (source: unknown, imports?: WebAssembly.Imports) => Promise<unknown>;

/** Starts watching; later instantiations through either API are seen. */
export function watchWasmMemory(): void {
  const instantiate = WebAssembly.instantiate as unknown as Instantiate;
  const streaming = WebAssembly.instantiateStreaming as unknown as Instantiate;
  const watched =
    (original: Instantiate): Instantiate =>
    async (source, imports) => {
      noteImports(imports);
      const result = await original.call(WebAssembly, source, imports);
      noteResult(result);
      return result;
    };
  WebAssembly.instantiate = watched(instantiate) as unknown as typeof WebAssembly.instantiate;
  WebAssembly.instantiateStreaming = watched(streaming) as unknown as typeof WebAssembly.instantiateStreaming;
}

/** Bytes of every wasm memory seen so far (0 before the runtime loads). */
export function wasmMemoryBytes(): number {
  let bytes = 0;
  for (const m of memories) bytes += m.buffer.byteLength;
  return bytes;
}
