import { describe, expect, it } from 'vitest';
import { splitGroupNames } from '../../bot/split-group-names.js';

// `join A, B and C`: the names in a list, where a group's own name may hold a comma or " and ".
const groups = ['Lunch Club', 'Engineering Guild', 'Atlas Project', 'Research and Development', 'Sales, EMEA', 'Salt & Pepper'];
const asked: string[] = [];
const isGroupName = async (name: string) => {
  asked.push(name);
  return groups.some((g) => g.toLowerCase() === name.toLowerCase());
};

describe('splitGroupNames', () => {
  it('splits a list at commas, semicolons, "and" and "&", an Oxford comma too', async () => {
    expect(await splitGroupNames('Lunch Club, Engineering Guild and Atlas Project', isGroupName)).toEqual(['Lunch Club', 'Engineering Guild', 'Atlas Project']);
    expect(await splitGroupNames('Lunch Club, Engineering Guild, and Atlas Project', isGroupName)).toEqual(['Lunch Club', 'Engineering Guild', 'Atlas Project']);
    expect(await splitGroupNames('Lunch Club; Atlas Project & Engineering Guild', isGroupName)).toEqual(['Lunch Club', 'Atlas Project', 'Engineering Guild']);
  });

  it('keeps a whole name that holds "and" or a comma, and asks nothing for a single name', async () => {
    asked.length = 0;
    expect(await splitGroupNames('Atlas Project', isGroupName)).toEqual(['Atlas Project']);
    expect(asked).toEqual([]);
    expect(await splitGroupNames('Research and Development', isGroupName)).toEqual(['Research and Development']);
    expect(await splitGroupNames('Sales, EMEA', isGroupName)).toEqual(['Sales, EMEA']);
    expect(await splitGroupNames('salt & pepper', isGroupName)).toEqual(['salt & pepper']);
  });

  it('finds such a name inside a list, the longest run from the left winning', async () => {
    expect(await splitGroupNames('Lunch Club, Research and Development and Atlas Project', isGroupName)).toEqual(['Lunch Club', 'Research and Development', 'Atlas Project']);
    expect(await splitGroupNames('Research and Development, Sales, EMEA', isGroupName)).toEqual(['Research and Development', 'Sales, EMEA']);
  });

  it('keeps an unknown name as it was typed, for its "Did you mean", and drops empty pieces', async () => {
    expect(await splitGroupNames('Lunch Clb and Atlas Project', isGroupName)).toEqual(['Lunch Clb', 'Atlas Project']);
    expect(await splitGroupNames('Lunch Club, , Atlas Project,', isGroupName)).toEqual(['Lunch Club', 'Atlas Project']);
  });
});
