import { t } from '@/utils/i18n';

// Placeholder shapes with the same size as a lead card and its lists, so nothing jumps when data arrives.
const strings = { loading: t('skeletonLoading') } as const;

export function LeadSkeleton() {
  return (
    <div class="cl-lead cl-lead--skeleton">
      <span class="cl-visually-hidden">{strings.loading}</span>
      <div aria-hidden="true">
        <div class="cl-skeleton cl-skeleton--title" />
        <div class="cl-skeleton cl-skeleton--line" />
        <div class="cl-skeleton cl-skeleton--line cl-skeleton--short" />
        <div class="cl-skeleton cl-skeleton--button" />
        <div class="cl-skeleton cl-skeleton--block" />
        <div class="cl-skeleton cl-skeleton--block" />
      </div>
    </div>
  );
}
