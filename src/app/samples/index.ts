// The example DAG files a new workspace starts with, per profile (real Airflow DAG files,
// in the style of Airflow's tutorials; samples.test.ts checks each loads and runs to success).
import type { Profile } from '../../dagfile/spec.ts';
import branching2 from './branching2.py?raw';
import branching3 from './branching3.py?raw';
import etl2 from './etl2.py?raw';
import etl3 from './etl3.py?raw';
import fanOut2 from './fan_out2.py?raw';
import fanOut3 from './fan_out3.py?raw';
import flaky2 from './flaky2.py?raw';
import flaky3 from './flaky3.py?raw';
import sensor2 from './sensor2.py?raw';
import sensor3 from './sensor3.py?raw';

export interface Sample {
  /** file name in the workspace's dags folder */
  file: string;
  source: string;
}

// etl.py first: lessons and the first screen start from it
const SAMPLES: Record<Profile, Sample[]> = {
  '2': [
    { file: 'etl.py', source: etl2 },
    { file: 'fan_out.py', source: fanOut2 },
    { file: 'flaky.py', source: flaky2 },
    { file: 'sensor.py', source: sensor2 },
    { file: 'branching.py', source: branching2 },
  ],
  '3': [
    { file: 'etl.py', source: etl3 },
    { file: 'fan_out.py', source: fanOut3 },
    { file: 'flaky.py', source: flaky3 },
    { file: 'sensor.py', source: sensor3 },
    { file: 'branching.py', source: branching3 },
  ],
};

/** Every sample of the profile, etl.py first (the Code view offers them as new files). */
export function samplesFor(profile: Profile): Sample[] {
  return SAMPLES[profile];
}

/** The files a new workspace starts with. */
const STARTERS = new Set(['etl.py']);

/**
 * Sample files by name: 'start' gives what a new workspace holds (etl.py: the lessons, the
 * first screen and the browser tests start from one DAG), 'all' every sample.
 */
export function sampleFiles(profile: Profile, which: 'start' | 'all' = 'start'): Record<string, string> {
  return Object.fromEntries(SAMPLES[profile].filter((s) => which === 'all' || STARTERS.has(s.file)).map((s) => [s.file, s.source]));
}
