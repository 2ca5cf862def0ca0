// Starts `dockwise server --stdio` for Dockerfiles and keeps it in step with the `dockwise.*` settings. Everything
// the editor shows (diagnostics, quick fixes, fix all, hover) comes from the server; this file only wires it up.
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { DOCUMENT_SELECTOR, ExtensionSettings, serverCommand, serverSettings } from './settings';

let client: LanguageClient | undefined;

function currentSettings(): ExtensionSettings {
  const section = vscode.workspace.getConfiguration('dockwise');
  return {
    path: section.get<string>('path'),
    enable: section.get<string[]>('enable'),
    disable: section.get<string[]>('disable'),
    severity: section.get<Record<string, string>>('severity'),
    trustedRegistries: section.get<string[]>('trustedRegistries'),
    config: section.get<string>('config'),
    noConfig: section.get<boolean>('noConfig'),
  };
}

async function start(output: vscode.LogOutputChannel): Promise<void> {
  const settings = currentSettings();
  const { command, args } = serverCommand(settings);
  const serverOptions: ServerOptions = { command, args };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    initializationOptions: serverSettings(settings),
    outputChannel: output,
    // The configuration files the server reads: it reloads them itself, the watcher only wakes it.
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{.dockwise.toml,.hadolint.yaml,.hadolint.yml}'),
    },
  };
  client = new LanguageClient('dockwise', 'Dockwise', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    client = undefined;
    const message = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(
      `Dockwise could not start \`${command} ${args.join(' ')}\`: ${message}. ` +
        'Install the CLI (cargo install --path crates/dockwise-cli) or set "dockwise.path".',
    );
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  await running?.stop();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Dockwise', { log: true });
  context.subscriptions.push(output);
  context.subscriptions.push(
    vscode.commands.registerCommand('dockwise.restartServer', async () => {
      await stop();
      await start(output);
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration('dockwise')) return;
      if (event.affectsConfiguration('dockwise.path')) {
        await stop();
        await start(output);
        return;
      }
      // The rule settings go over as they are: the server republishes every open document's diagnostics.
      await client?.sendNotification('workspace/didChangeConfiguration', {
        settings: serverSettings(currentSettings()),
      });
    }),
  );
  await start(output);
}

export function deactivate(): Promise<void> {
  return stop();
}
