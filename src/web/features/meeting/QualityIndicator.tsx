/** A tile's connection indicator: bars by level, the figures in its accessible name and tooltip. */
import { SignalHigh, SignalLow, SignalMedium } from 'lucide-preact';
import { formatNumber } from '../../app/intl/language.js';
import type { LinkQuality } from './connection-quality.js';
import { t } from './messages.js';

const icons = { good: SignalHigh, fair: SignalMedium, poor: SignalLow } as const;

/** The sentence an indicator says: level, loss, round trip, bitrate, and whether a relay carries it. */
export function qualityText(quality: LinkQuality): string {
  return t('meeting.qualityDetails', {
    level: t(`meeting.quality.${quality.level}`),
    loss: formatNumber(quality.lossRatio, { style: 'percent', maximumFractionDigits: 1 }),
    roundTrip: quality.roundTripMs === undefined ? t('meeting.roundTripUnknown') : `${formatNumber(quality.roundTripMs)} ms`,
    bitrate: formatNumber(quality.bitrateKbps),
    relayed: quality.relayed ? 'yes' : 'no',
  });
}

export function QualityIndicator({ quality }: { quality: LinkQuality }) {
  const Icon = icons[quality.level];
  const text = qualityText(quality);
  return (
    <span class={`quality ${quality.level}`} role="img" aria-label={text} title={text}>
      <Icon aria-hidden="true" size={18} strokeWidth={2.5} />
    </span>
  );
}
