/** The finances by month and category: income and expenses, in money and in credits, and each month's totals. */
import { type CreditUnit, categoryName, credits, type MonthTable, type MonthTotals, money, monthName } from './finances.js';
import { t } from './messages.js';

function Amount({ minor, write }: { minor: bigint; write: (minor: bigint) => string }) {
  return <td class="number">{minor === 0n ? '' : write(minor)}</td>;
}

function AmountCells({ totals, currency, credit }: { totals: MonthTotals; currency: string; credit: CreditUnit }) {
  const inMoney = (minor: bigint) => money(minor, currency);
  const inCredits = (minor: bigint) => credits(minor, credit);
  return (
    <>
      <Amount minor={totals.incomeMoney} write={inMoney} />
      <Amount minor={totals.expenseMoney} write={inMoney} />
      <Amount minor={totals.incomeCredit} write={inCredits} />
      <Amount minor={totals.expenseCredit} write={inCredits} />
    </>
  );
}

export function FinancesTable(props: { months: MonthTable[]; currency: string; credit: CreditUnit }) {
  const { currency, credit } = props;
  return (
    <div class="table-scroll">
      <table class="finances-table">
        <caption class="visually-hidden">{t('table.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('table.category')}</th>
            <th scope="col" class="number">
              {t('table.incomeMoney', { currency })}
            </th>
            <th scope="col" class="number">
              {t('table.expenseMoney', { currency })}
            </th>
            <th scope="col" class="number">
              {t('table.incomeCredits', { name: credit.name })}
            </th>
            <th scope="col" class="number">
              {t('table.expenseCredits', { name: credit.name })}
            </th>
          </tr>
        </thead>
        {props.months.map(({ month, lines, totals }) => (
          <tbody key={month}>
            <tr class="finances-month">
              <th scope="rowgroup" colSpan={5}>
                {monthName(month)}
              </th>
            </tr>
            {lines.map((line) => {
              const zero = { incomeMoney: 0n, expenseMoney: 0n, incomeCredit: 0n, expenseCredit: 0n };
              const amounts: MonthTotals =
                line.direction === 'income'
                  ? { ...zero, incomeMoney: line.moneyMinor, incomeCredit: line.creditMinor }
                  : { ...zero, expenseMoney: line.moneyMinor, expenseCredit: line.creditMinor };
              return (
                <tr key={`${line.direction} ${line.category}`}>
                  <th scope="row">
                    {categoryName(line.category)}{' '}
                    <span class="visually-hidden">({t(line.direction === 'income' ? 'table.income' : 'table.expense')})</span>
                  </th>
                  <AmountCells totals={amounts} currency={currency} credit={credit} />
                </tr>
              );
            })}
            <tr class="finances-total">
              <th scope="row">{t('table.total', { month: monthName(month) })}</th>
              <AmountCells totals={totals} currency={currency} credit={credit} />
            </tr>
          </tbody>
        ))}
      </table>
    </div>
  );
}
