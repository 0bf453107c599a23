export async function relativizePdfLinks(pdf: Uint8Array, _o: { outDir: string; deckNames: ReadonlySet<string> }): Promise<Uint8Array> { return pdf; }
