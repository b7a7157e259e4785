/** The exact words the UI uses for each status (the e2e tests read them). */
import type { GenerationStatus } from '../../../shared/domain'

export const STATUS_LABELS: Record<GenerationStatus, string> = {
  queued: 'Queued',
  submitting: 'Sending…',
  pending: 'Pending',
  processing: 'Processing',
  downloading: 'Downloading',
  completed: 'Completed',
  failed: 'Failed',
  rejected: 'Rejected',
  unknown: 'Outcome unknown — may have been charged',
}

export const statusLabel = (status: string): string =>
  (STATUS_LABELS as Record<string, string | undefined>)[status] ?? status

export const RATIO_LABELS = { auto: 'Auto', '1:1': '1:1', '4:3': '4:3', '3:4': '3:4' } as const
