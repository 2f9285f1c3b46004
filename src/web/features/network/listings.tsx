/** Offers and wants: category names, and a member's list of them (with removal for its traders). */
import { useRef, useState } from 'preact/hooks';
import { networkLimits } from '../../../shared/limits.js';
import type { Category, ListingView } from '../../../shared/network-api.js';
import type { Choice } from './fields.js';
import { t } from './messages.js';
import { ActionButton, ErrorLine } from './NetworkForm.js';
import { networkApi } from './network-client.js';

/** A category in words. */
export function categoryText(category: Category): string {
  return t(`network.category.${category}`);
}

/** Every category, as choices for a select. */
export function categoryChoices(): Choice[] {
  return networkLimits.categories.map((category) => ({ value: category, label: categoryText(category) }));
}

/** A member's offers or wants; `removable` adds a Remove button to each (traders of the member). */
export function ListingList(props: {
  slug: string;
  kind: ListingView['kind'];
  title: string;
  empty: string;
  listings: ListingView[];
  removable: boolean;
  onRemoved: () => Promise<void>;
}) {
  const [error, setError] = useState<string | undefined>();
  const titleId = `listings-${props.kind}`;
  const heading = useRef<HTMLHeadingElement>(null);
  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId} ref={heading} tabIndex={-1}>
        {props.title}
      </h2>
      {props.listings.length === 0 ? (
        <p class="hint">{props.empty}</p>
      ) : (
        <ul class="listing-list">
          {props.listings.map((listing) => (
            <li key={listing.id}>
              <h3>{listing.title}</h3> <span class="badge">{categoryText(listing.category)}</span>
              {listing.description && <p class="listing-description">{listing.description}</p>}
              {props.removable && (
                <ActionButton
                  class="small"
                  onFailure={setError}
                  action={async () => {
                    setError(undefined);
                    await networkApi.removeListing(props.slug, listing.id);
                    await props.onRemoved();
                    // The button is gone with its listing: keyboard users continue from the list's heading.
                    heading.current?.focus();
                  }}
                >
                  {t('network.listing.remove')}
                  <span class="visually-hidden"> {listing.title}</span>
                </ActionButton>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorLine error={error} />
    </section>
  );
}
