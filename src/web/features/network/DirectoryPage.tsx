/** `/network/directory`: search approved members and what they offer and want. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { networkLimits } from '../../../shared/limits.js';
import { type Category, CategorySchema, type DirectoryEntry, type ListingKind, type ListingView } from '../../../shared/network-api.js';
import { useSession } from '../../app/session.js';
import { Link } from '../../ui/index.js';
import { SelectField } from './fields.js';
import { categoryChoices, categoryText } from './listings.js';
import { t } from './messages.js';
import { ErrorLine, networkFailureText } from './NetworkForm.js';
import { NetworkLayout } from './NetworkLayout.js';
import { type DirectoryQuery, networkApi } from './network-client.js';

/** The search in the address (`?q=…&category=…&kind=…`), so Back and a shared link bring it back. */
function queryFromAddress(): DirectoryQuery {
  const parameters = new URLSearchParams(location.search);
  const kind = parameters.get('kind');
  return {
    q: parameters.get('q') ?? '',
    category: categoryOrAll(parameters.get('category') ?? ''),
    kind: kind === 'offer' || kind === 'want' ? kind : '',
  };
}

function rememberInAddress(query: DirectoryQuery): void {
  const parameters = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value) parameters.set(name, value);
  const search = parameters.toString();
  history.replaceState(null, '', `${location.pathname}${search ? `?${search}` : ''}`);
}

export function DirectoryPage() {
  const session = useSession();
  const [draft, setDraft] = useState<DirectoryQuery>(queryFromAddress);
  // The query the entries shown were found with, and where the next page starts.
  const [found, setFound] = useState<{ query: DirectoryQuery; entries: DirectoryEntry[]; nextCursor: string | null } | undefined>();
  const entries = found?.entries;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const list = useRef<HTMLUListElement>(null);
  const inFlight = useRef(false);
  const run = async (work: () => Promise<void>) => {
    // One search or page at a time; the buttons stay focusable (aria-disabled) while it runs.
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (failure) {
      setError(networkFailureText(failure));
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };
  const search = (query: DirectoryQuery) =>
    run(async () => {
      // A failed search shows no results rather than the last search's under the new words.
      const page = await networkApi.directory(query).catch((failure: unknown) => {
        setFound(undefined);
        throw failure;
      });
      setFound({ query, entries: page.entries, nextCursor: page.nextCursor });
      rememberInAddress(query);
    });
  const loadMore = () =>
    run(async () => {
      if (!found?.nextCursor) return;
      const page = await networkApi.directory(found.query, found.nextCursor);
      const firstNew = found.entries.length;
      setFound({ query: found.query, entries: [...found.entries, ...page.entries], nextCursor: page.nextCursor });
      // Keyboard users continue from the first member just shown.
      requestAnimationFrame(() => list.current?.querySelectorAll<HTMLElement>(':scope > li h2 a')[firstNew]?.focus());
    });
  useEffect(() => {
    if (session.kind === 'signed-in') void search(queryFromAddress());
  }, [session.kind]);
  return (
    <NetworkLayout title={t('network.directory.title')}>
      <h1>{t('network.directory.title')}</h1>
      <search aria-label={t('network.directory.searchForm')}>
        <form
          class="card directory-search"
          onSubmit={(event) => {
            event.preventDefault();
            void search(draft);
          }}
        >
          <div class="field">
            <label for="directory-q">{t('network.directory.search')}</label>
            <input
              id="directory-q"
              type="search"
              value={draft.q}
              maxLength={networkLimits.searchCharactersMax}
              onInput={(event) => setDraft({ ...draft, q: event.currentTarget.value })}
            />
          </div>
          <SelectField
            id="directory-category"
            label={t('network.directory.category')}
            value={draft.category}
            onChange={(value) => setDraft({ ...draft, category: categoryOrAll(value) })}
            choices={[{ value: '', label: t('network.directory.allCategories') }, ...categoryChoices()]}
          />
          <SelectField
            id="directory-kind"
            label={t('network.directory.kind')}
            value={draft.kind}
            onChange={(value) => setDraft({ ...draft, kind: value === 'offer' || value === 'want' ? value : '' })}
            choices={[
              { value: '', label: t('network.directory.offersAndWants') },
              { value: 'offer', label: t('network.directory.offers') },
              { value: 'want', label: t('network.directory.wants') },
            ]}
          />
          <div class="row">
            <button type="submit" class="primary" aria-disabled={busy} aria-busy={busy}>
              {t('network.directory.submit')}
            </button>
          </div>
        </form>
      </search>
      <ErrorLine error={error} />
      <p role="status" class="result">
        {entries === undefined
          ? ''
          : entries.length === 0
            ? t('network.directory.none')
            : t(found?.nextCursor ? 'network.directory.foundMore' : 'network.directory.found', { count: entries.length })}
      </p>
      {entries && entries.length > 0 && (
        <ul class="card-list" ref={list}>
          {entries.map((entry) => (
            <DirectoryCard key={entry.slug} entry={entry} />
          ))}
        </ul>
      )}
      {found?.nextCursor && (
        <button type="button" onClick={() => void loadMore()} aria-disabled={busy} aria-busy={busy}>
          {t('network.directory.loadMore')}
        </button>
      )}
    </NetworkLayout>
  );
}

function categoryOrAll(value: string): Category | '' {
  const parsed = CategorySchema.safeParse(value);
  return parsed.success ? parsed.data : '';
}

function DirectoryCard({ entry }: { entry: DirectoryEntry }) {
  const headingId = `directory-${entry.slug}`;
  return (
    <li class="card" aria-labelledby={headingId}>
      <h2 id={headingId} class="card-title">
        <Link href={`/network/members/${encodeURIComponent(entry.slug)}`}>{entry.name}</Link>
        {entry.coOp && <span class="badge">{t('network.member.coOp')}</span>}
      </h2>
      {entry.location && <p class="hint">{entry.location}</p>}
      <ListingSummary title={t('network.member.offers')} kind="offer" listings={entry.offers} />
      <ListingSummary title={t('network.member.wants')} kind="want" listings={entry.wants} />
    </li>
  );
}

function ListingSummary(props: { title: string; kind: ListingKind; listings: ListingView[] }) {
  if (props.listings.length === 0) return null;
  return (
    <div class={`listing-summary ${props.kind}`}>
      <h3>{props.title}</h3>
      <ul>
        {props.listings.map((listing) => (
          <li key={listing.id}>
            <strong>{listing.title}</strong> <span class="badge">{categoryText(listing.category)}</span>
            {listing.description && <p class="listing-description">{listing.description}</p>}
          </li>
        ))}
      </ul>
    </div>
  );
}
