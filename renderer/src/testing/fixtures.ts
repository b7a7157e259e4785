/** Valid domain objects for tests, with just the fields a test cares about overridden. */
import type { Generation, ReferenceInfo } from '../../../shared/domain'
import type { AppInfo, KeyStatus, Settings } from '../../../shared/contract'

let counter = 0

export function makeGeneration(overrides: Partial<Generation> = {}): Generation {
  counter++
  const createdAt = new Date(Date.UTC(2026, 0, 1, 12, 0, counter)).toISOString()
  return {
    id: `gen-${counter}`,
    taskUuid: null,
    status: 'queued',
    prompt: `prompt ${counter}`,
    aspectRatio: 'auto',
    references: [],
    callbackUrl: null,
    price: null,
    createdAt,
    submittedAt: null,
    finishedAt: null,
    updatedAt: createdAt,
    error: null,
    image: null,
    remoteUrl: null,
    stalled: false,
    retry: null,
    favorite: false,
    version: 1,
    ...overrides,
  }
}

export function makeReference(overrides: Partial<ReferenceInfo> = {}): ReferenceInfo {
  counter++
  return {
    id: `ref-${counter}`,
    kind: 'file',
    path: `refs/ref-${counter}.jpg`,
    url: null,
    mime: 'image/jpeg',
    width: 640,
    height: 480,
    originalBytes: 4_200_000,
    preparedBytes: 380_000,
    sourceGenerationId: null,
    name: `photo-${counter}.jpg`,
    ...overrides,
  }
}

export const defaultSettings: Settings = {
  mode: 'demo',
  apiBaseUrl: 'https://platform.runblob.io',
  theme: 'system',
  referenceMaxEdge: 1536,
  notifications: true,
  dailySpendLimit: null,
  monthlySpendLimit: null,
}

export const demoAppInfo: AppInfo = {
  version: '0.1.0',
  mode: 'demo',
  apiBaseUrl: 'http://127.0.0.1:9999',
  dataDir: '/tmp/atelier',
  platform: 'linux',
  transport: 'browser',
}

export const noKey: KeyStatus = { configured: false, tail: null, source: null, encrypted: true, origin: null }
