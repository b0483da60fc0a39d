export declare function tableProblems(): string[];
export declare function renderLayers(): string;
export declare function architectureProblems(options?: { write?: boolean }): string[];
