import * as vscode from 'vscode';
import { formatProblem, invalidProfilesMessage, type ProfileProblem } from '../../core/profiles/parseProfiles';
import type { ProfileService } from './profileService';
import type { ProfileSettings } from './profileSettings';
import { sanitizeForDisplay } from '../../core/text/sanitize';

/**
 * Reports invalid profiles: every problem goes to the log, and one warning with "Open Settings"
 * appears when the set of problems changes (never again for the same set).
 */
export class ProfileProblems implements vscode.Disposable {
  private lastKey = '';
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly profiles: ProfileService,
    private readonly settings: ProfileSettings,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscription = profiles.onDidChange(() => this.check());
  }

  current(): readonly ProfileProblem[] {
    return this.profiles.snapshot.profiles().problems;
  }

  check(): void {
    const problems = this.current();
    const key = problems.map(formatProblem).join('\n');
    if (key === this.lastKey) return;
    this.lastKey = key;
    if (problems.length === 0) {
      this.log.info('profiles: all valid');
      return;
    }
    for (const p of problems) this.log.warn(`invalid profile: ${formatProblem(p)}`);
    const first = problems[0]!;
    const msg = invalidProfilesMessage(problems);
    void vscode.window.showWarningMessage(sanitizeForDisplay(msg), 'Open Settings', 'Show Log').then((choice) => {
      if (choice === 'Open Settings') void this.settings.open(first.origin);
      else if (choice === 'Show Log') this.log.show();
    });
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
