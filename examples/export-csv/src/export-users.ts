/**
 * The export: every user of the org, page after page through `paginate`, into a CSV file. Rows are
 * written as each page arrives, so memory stays flat for a large org; the file appears under its
 * name only once complete (it is written as `<file>.partial`, then renamed).
 */
import { open, rename, rm } from 'node:fs/promises';
import { paginate, type ApiClient } from '@gcsdk/core';
import { UsersApi } from '@gcsdk/api-users';
import { csvRecord } from './csv.js';

/** The CSV's columns: User properties, written in this order under these headers. */
export const COLUMNS = ['id', 'name', 'email', 'state', 'department', 'title'] as const;

export interface ExportResult {
  users: number;
  pages: number;
}

export async function exportUsers(client: ApiClient, file: string, pageSize: number): Promise<ExportResult> {
  const usersApi = new UsersApi(client);
  const partial = `${file}.partial`;
  const out = await open(partial, 'w').catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot create ${partial}: ${error.code ?? error.message}`);
  });
  let users = 0;
  let pages = 0;
  try {
    await out.write(csvRecord(COLUMNS));
    // byPage() yields whole pages (to count them); the loop ends after the last page.
    for await (const page of paginate(usersApi.getUsers.bind(usersApi), [{ pageSize }]).byPage()) {
      pages++;
      const rows = (page.entities ?? []).map((user) => csvRecord(COLUMNS.map((column) => user[column])));
      users += rows.length;
      await out.write(rows.join(''));
    }
    await out.close();
    await rename(partial, file);
    return { users, pages };
  } catch (error) {
    await out.close().catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  }
}
