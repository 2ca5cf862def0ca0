// What the extension hands the language server, kept free of the `vscode` module so Node can test it
// (test/extension.test.mjs) against the real `dockwise server`.

/** The extension's settings, as `workspace.getConfiguration('dockwise')` returns them. */
export interface ExtensionSettings {
  path?: string;
  enable?: string[];
  disable?: string[];
  severity?: Record<string, string>;
  trustedRegistries?: string[];
  config?: string;
  noConfig?: boolean;
}

/** The settings `dockwise server` reads, under the `dockwise` key (crates/dockwise-cli/src/server/config.rs). */
export interface ServerSettings {
  dockwise: {
    enable: string[];
    disable: string[];
    severity: Record<string, string>;
    trustedRegistries: string[];
    config?: string;
    noConfig: boolean;
  };
}

/** The command that starts the server: the configured binary, `server --stdio`. */
export function serverCommand(settings: ExtensionSettings): { command: string; args: string[] } {
  const command = settings.path?.trim() || 'dockwise';
  return { command, args: ['server', '--stdio'] };
}

/**
 * The server's share of the settings: `path` is the extension's own, and an empty `config` means "the nearest
 * file" (the server would read an empty string as a path).
 */
export function serverSettings(settings: ExtensionSettings): ServerSettings {
  const config = settings.config?.trim();
  return {
    dockwise: {
      enable: settings.enable ?? [],
      disable: settings.disable ?? [],
      severity: settings.severity ?? {},
      trustedRegistries: settings.trustedRegistries ?? [],
      ...(config ? { config } : {}),
      noConfig: settings.noConfig ?? false,
    },
  };
}

/** Documents the server reviews: the `dockerfile` language, and files named like Dockerfiles in any language. */
export const DOCUMENT_SELECTOR = [
  { language: 'dockerfile' },
  { language: 'containerfile' },
  { pattern: '**/{Dockerfile,Containerfile,*.Dockerfile,*.dockerfile,Dockerfile.*,Containerfile.*}' },
];
