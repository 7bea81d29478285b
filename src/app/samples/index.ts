// The example DAG files a new workspace starts with, per profile (real Airflow DAG files).
import type { Profile } from '../../dagfile/spec.ts';
import etl2 from './etl2.py?raw';
import etl3 from './etl3.py?raw';

export interface Sample {
  /** file name in the workspace's dags folder */
  file: string;
  source: string;
}

const SAMPLES: Record<Profile, Sample[]> = {
  '2': [{ file: 'etl.py', source: etl2 }],
  '3': [{ file: 'etl.py', source: etl3 }],
};

export function samplesFor(profile: Profile): Sample[] {
  return SAMPLES[profile];
}

export function sampleFiles(profile: Profile): Record<string, string> {
  return Object.fromEntries(SAMPLES[profile].map((s) => [s.file, s.source]));
}
