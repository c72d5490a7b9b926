import { dotenvSource } from '../sources/dotenvSource';
import { composeSource } from '../sources/composeSource';
import { launchXmlSource } from '../sources/launchXmlSource';
import { launchYamlSource } from '../sources/launchYamlSource';
import { launchPySource } from '../sources/launchPySource';
import { devcontainerSource, settingsSource } from '../sources/jsonSources';
import type { FileKind, SourceModel } from '../types';

/** The parsed assignments of one file, for hovers (the same source parsers the lint engine runs). */
export function sourceModel(kind: FileKind, text: string): SourceModel {
  switch (kind) {
    case 'dotenv':
    case 'shell':
      return dotenvSource(text, kind);
    case 'compose':
      return composeSource(text);
    case 'ros1-launch':
      return launchXmlSource(text, 'auto');
    case 'ros2-launch-xml':
      return launchXmlSource(text, 'ros2');
    case 'ros2-launch-yaml':
      return launchYamlSource(text);
    case 'ros2-launch-py':
      return launchPySource(text);
    case 'devcontainer':
      return devcontainerSource(text);
    case 'settings':
      return settingsSource(text);
  }
}
