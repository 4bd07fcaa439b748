import type { Recipe } from '../../recipe/recipe.ts';

/** One design in the history, with the one it came from; `children` in the order they were made. */
export interface LineageNode {
  readonly id: number;
  readonly recipe: Recipe;
  readonly parent: LineageNode | undefined;
  readonly children: LineageNode[];
  /** What made it, for the history strip: `seed 42`, `child 3`, `β 64`. */
  readonly label: string;
  /** The child that redo returns to: the one last visited. */
  lastChild?: LineageNode;
}

export interface Lineage {
  readonly current: LineageNode;
  /** Makes `recipe` the current design, a child of the current one (a new branch if it has others). */
  push(recipe: Recipe, label: string): LineageNode;
  /** Back to the parent; false at the root. */
  undo(): boolean;
  /** Forward to the child last visited; false where there is none. */
  redo(): boolean;
  /** Jumps to any node of the tree (a click on the history strip). */
  go(node: LineageNode): void;
  /** From the root to the current node. */
  path(): LineageNode[];
}

/**
 * The history as a tree, as Picbreeder keeps it: going back and picking another child starts a branch
 * and keeps the old one, so redo and the strip can still reach it.
 */
export function createLineage(root: Recipe, label: string): Lineage {
  let ids = 0;
  let current: LineageNode = { id: ids++, recipe: root, parent: undefined, children: [], label };
  return {
    get current() {
      return current;
    },
    push(recipe, nodeLabel) {
      const node: LineageNode = { id: ids++, recipe, parent: current, children: [], label: nodeLabel };
      current.children.push(node);
      current.lastChild = node;
      current = node;
      return node;
    },
    undo() {
      if (!current.parent) return false;
      current.parent.lastChild = current;
      current = current.parent;
      return true;
    },
    redo() {
      if (!current.lastChild) return false;
      current = current.lastChild;
      return true;
    },
    go(node) {
      for (let at: LineageNode | undefined = node; at?.parent; at = at.parent) at.parent.lastChild = at;
      current = node;
    },
    path() {
      const nodes: LineageNode[] = [];
      for (let at: LineageNode | undefined = current; at; at = at.parent) nodes.unshift(at);
      return nodes;
    },
  };
}
