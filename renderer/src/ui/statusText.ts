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

/** Words for the core's retry reasons (`Generation.retry.reason`); unknown ones are shown as sent. */
const RETRY_REASONS: Record<string, string> = {
  network: 'the connection failed',
  offline: 'no network',
  timeout: 'runblob took too long to answer',
  server_error: 'runblob had a server error',
  rate_limited: 'runblob asked us to slow down',
  maintenance: 'runblob is under maintenance',
  unauthorized: 'the API key was refused',
  not_found: 'runblob did not know the task yet',
  bad_response: 'runblob sent an unreadable answer',
  internal: 'an error inside Atelier',
  storage: 'the disk could not be written',
  download_failed: 'the download failed',
  result_expired: 'the result link expired',
}

export const retryReasonText = (reason: string): string => RETRY_REASONS[reason] ?? reason
