/**
 * Users added to the embedded mock before the export (never to a real org): the mock's own users
 * have plain names, and these show the quoting — a comma, double quotes, a line break.
 */
export const QUOTING_DEMO_USERS = [
  { name: "O'Neil, Jo", email: 'jo.oneil@example.com', state: 'active', department: 'Sales, EMEA' },
  { name: 'Sam "Sparky" Lee', email: 'sam.lee@example.com', state: 'active', title: 'Lead "closer"' },
  { name: 'Ana Núñez', email: 'ana.nunez@example.com', state: 'active', department: 'Support\nTier 2' },
];
