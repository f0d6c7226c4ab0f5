// Import files for the specs: the columns in the order the import's template has them, and a
// CSV file of rows under that header line, ready for `setInputFiles`.

/** The columns of an import file, in the order the template has them. */
const IMPORT_COLUMNS = [
  'customer_name',
  'customer_domain',
  'country',
  'external_subscription_id',
  'product',
  'quantity',
  'commerce_type',
  'status',
  'reseller_partner_id',
];

/** A CSV file of `rows` (arrays of cells) under the import's header line. */
function csvFile(name, rows) {
  const text = [IMPORT_COLUMNS, ...rows].map((cells) => cells.join(',')).join('\n') + '\n';
  return { name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') };
}

module.exports = { IMPORT_COLUMNS, csvFile };
