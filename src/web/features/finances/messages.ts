/** Words of the co-op's finances page (members only). French is in `messages.fr.ts`. */
import { defineCatalogue } from '../../app/intl/catalogue.js';

export const financesEnglish = {
  'finances.title': 'The co-op’s finances',
  'finances.lead': 'What the co-op earned and spent over the last twelve months, in money and in credits.',
  'finances.loading': 'Loading the finances…',
  'finances.balance': 'The co-op’s credit balance: {amount}',
  'finances.noBalance': 'The co-op has no trading account in the network yet.',
  'finances.download': 'Download CSV',
  'finances.empty': 'Nothing has been recorded in the last twelve months.',
  'amount.credits': '{amount} {currency}',
  'chart.heading': 'The last twelve months',
  'chart.name': 'Income and expenses per month, {first} to {last}',
  'chart.description': 'Bar charts of the figures in the table below.',
  'chart.money': 'Money ({currency})',
  'chart.moneyName': 'Income and expenses in money per month, {first} to {last}',
  'chart.credits': 'Credits ({name})',
  'chart.creditsName': 'Income and expenses in {name} per month, {first} to {last}',
  'chart.income': 'Income',
  'chart.expense': 'Expenses',
  'chart.loading': 'Drawing the chart…',
  'chart.failed': 'The chart could not be drawn. The table below has the figures.',
  'table.heading': 'By month and category',
  'table.caption': 'Income and expenses by month and category, in money and in credits',
  'table.category': 'Category',
  'table.incomeMoney': 'Income ({currency})',
  'table.expenseMoney': 'Expenses ({currency})',
  'table.incomeCredits': 'Income ({name})',
  'table.expenseCredits': 'Expenses ({name})',
  'table.income': 'Income',
  'table.expense': 'Expense',
  'table.total': 'Total for {month}',
  'category.subscriptions': 'Subscriptions',
  'category.network_income': 'Credits from network members',
  'category.network_payments': 'Paid to suppliers in credits',
} as const;

export const financesMessages = defineCatalogue('finances', financesEnglish);
export const t = financesMessages.t;
