import * as vscode from 'vscode';
import { SECTION } from '../ids';
import { SETTING_SPECS, type SettingKey, type SettingSpec } from '../core/settings/settingsSpec';

/** One setting: its full id, its typed value (default and clamp from the core spec), and change test. */
export class Setting<T> {
  readonly id: string;

  constructor(
    readonly key: SettingKey,
    private readonly spec: SettingSpec<T>,
  ) {
    this.id = `${SECTION}.${key}`;
  }

  get(scope?: vscode.ConfigurationScope): T {
    return this.spec.read(vscode.workspace.getConfiguration(SECTION, scope).get<unknown>(this.key));
  }

  isAffectedBy(e: vscode.ConfigurationChangeEvent, scope?: vscode.ConfigurationScope): boolean {
    return e.affectsConfiguration(this.id, scope);
  }

  update(value: T, target: vscode.ConfigurationTarget): Thenable<void> {
    return vscode.workspace.getConfiguration(SECTION).update(this.key, value, target);
  }
}

function setting<K extends SettingKey>(key: K): Setting<(typeof SETTING_SPECS)[K]['default']> {
  return new Setting(key, SETTING_SPECS[key] as SettingSpec<(typeof SETTING_SPECS)[K]['default']>);
}

/** The typed `rosNetwork.*` settings (the profiles have their own facade, ProfileSettings). */
export const settings = {
  terminal: { enabled: setting('terminal.enabled'), offerRelaunch: setting('terminal.offerRelaunch') },
  status: {
    intervalSeconds: setting('status.intervalSeconds'),
    timeoutMs: setting('status.timeoutMs'),
    notifyOnChange: setting('status.notifyOnChange'),
  },
  statusBar: { enabled: setting('statusBar.enabled') },
  lint: {
    enabled: setting('lint.enabled'),
    rules: setting('lint.rules'),
    exclude: setting('lint.exclude'),
    include: setting('lint.include'),
    markdown: setting('lint.markdown'),
  },
  ros2: { graphDiscovery: setting('ros2.graphDiscovery') },
};

/** Every setting of the facade, for tests and for "did any of these change". */
export function allSettings(): Setting<unknown>[] {
  return Object.values(settings).flatMap((group) => Object.values(group) as Setting<unknown>[]);
}
